"""What the treaty and the depositary require: the depositary checks, entry into force, deadlines, the calendar."""
