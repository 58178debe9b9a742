"""Solutions to the exercises of chapter 1.1.2 (one module per exercise)."""
