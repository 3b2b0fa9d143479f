"""Auth providers of this project: ``custom`` (tokens issued by IT). Entra ID is xlwings
Server's own provider, switched on by its settings."""
