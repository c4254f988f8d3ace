"""Norms, the ritual library, ritual designs and commitments (coming with their issues)."""
