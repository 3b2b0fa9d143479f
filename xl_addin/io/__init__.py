"""Readers and writers at the edges: .xlsx files through openpyxl."""
