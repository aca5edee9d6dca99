"""Pure writers: records -> .html / .csv / .json / .ics / .xlsx."""
