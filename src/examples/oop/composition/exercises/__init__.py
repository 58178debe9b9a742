"""Solutions to the exercises of chapter 1.2.3 (one module per exercise)."""
