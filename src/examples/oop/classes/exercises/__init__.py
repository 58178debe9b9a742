"""Solutions to the exercises of chapter 1.2.1 (one module per exercise)."""
