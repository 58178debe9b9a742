"""Solutions to the exercises of chapter 1.1.1 (one module per exercise)."""
