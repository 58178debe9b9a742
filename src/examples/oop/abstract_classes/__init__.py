"""Examples for chapter 1.2.5, "Abstract classes".

The chapter is book/oop/abstract_classes.md.
"""
