"""The `report-assistant` command line, a front end over the service API."""
