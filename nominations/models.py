# Nomination dossiers arrive with the dossier issue.
