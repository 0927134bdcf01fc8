"""The command-line front end (``thoisu``)."""
