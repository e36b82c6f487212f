"""The scopes of cached page parts that print units or officials (anhai_thidua/core/versions.py): replaced by
signals.py on every Unit or Official save or delete (the services', the imports', the admin's). The dossier
lists (nominations) and the directory key their parts with them."""

UNITS = "organisation-units"  # names, codes, order, parents, active flags, document codes
OFFICIALS = "organisation-officials"  # names, positions, units, e-mails, active flags
