"""Accounts: password change, forced change at next sign-in, two-factor sign-in (TOTP), session steps."""
