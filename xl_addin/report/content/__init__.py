"""What the report says, as plain data (pure): sections, tables, figures, charts, notes."""
