"""SPARQL look-ups the library runs for its own work (validation), one ``.rq`` file each."""
