"""The web UI served by the API app: templates, static files and server-side rendering."""
