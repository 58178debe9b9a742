"""Solutions to the exercises of chapter 1.3.1 (one module per exercise)."""
