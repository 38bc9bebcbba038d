"""User actions: one small keyword-only function per action, run off the UI thread."""
