"""The documents of a packet: which ones (registry), the values they see (context), rendering and layout."""
