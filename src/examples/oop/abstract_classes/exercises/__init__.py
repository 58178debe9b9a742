"""Solutions to the exercises of chapter 1.2.5 (one module per exercise)."""
