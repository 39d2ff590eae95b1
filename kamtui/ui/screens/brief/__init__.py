"""The account brief on screen (`b` on an account), with its export keys."""
