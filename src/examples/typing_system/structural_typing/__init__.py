"""Examples for chapter 1.3.3, structural typing."""
