"""The guided interview: a local web application over the same library, the same profile model, the same packet.

Pages are rendered on the server (FastAPI + Jinja2), in the officer's language;
the answers become a profile that :func:`toolkit.build.build_packet` builds.
"""
