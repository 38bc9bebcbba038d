"""Requests (daftar ulang, usul, sanggah, graduasi mandiri) and their dossier: store helpers and widgets."""
