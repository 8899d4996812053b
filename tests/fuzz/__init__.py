"""The fuzz harness: programs and binary chunks thrown at the VM.

See tests/fuzz/README.md.  ``python -m tests.fuzz`` (or
``python tests/fuzz/run.py``) runs it; tests/test_fuzz.py runs a short
round and every saved finding.
"""
