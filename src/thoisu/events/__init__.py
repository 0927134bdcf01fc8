"""Event coding: CAMEO events with dates, places, status, attribution and evidence."""
