"""Solutions to the exercises of chapter 1.1.3 (one module per exercise)."""
