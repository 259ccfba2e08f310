"""Read models and reports over the event log."""
