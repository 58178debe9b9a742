"""Solutions to the exercises of chapter 1.2.4 (one module per exercise)."""
