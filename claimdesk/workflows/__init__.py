"""The jobs a researcher does with claimdesk, without Qt: used by both the GUI and the CLI."""
