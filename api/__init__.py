"""The HTTP API (OpenAI-compatible chat with sources, the library as JSON), a front end over
the service like the CLI and the web app."""
