"""Examples for Part II, "Object-oriented Python".

One package per chapter: classes, inheritance, composition, mixins and
abstract classes, each with the FastAPI application that uses the idea.
"""
