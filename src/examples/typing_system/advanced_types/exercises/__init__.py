"""Solutions to the exercises of chapter 1.3.2 (one module per exercise)."""
