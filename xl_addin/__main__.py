"""``python -m xl_addin`` runs the lscb-report command."""

from xl_addin.cli import main_exit

if __name__ == "__main__":
    main_exit()
