"""Plumbing shared by every app: the admin's guards. Imports no app of the project."""
