"""Solutions to the exercises of chapter 1.2.2 (one module per exercise)."""
