"""The dashboard: static HTML, CSS and JavaScript served by :mod:`thoisu.api` at ``/``.

It calls the same JSON endpoints as any client and draws its charts with the
Plotly bundle of the installed ``plotly`` package, so it works with no
internet connection. The files live in ``static/`` beside this module.
"""
