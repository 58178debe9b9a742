"""Solutions to the exercises of chapter 1.3.3 (one module per exercise)."""
