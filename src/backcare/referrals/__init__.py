"""Referrals between the person's clinicians: a status flow, each step with who and when."""
