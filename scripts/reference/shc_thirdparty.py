#!/usr/bin/env python3
"""Checks a SMART Health Card with third-party code from PyPI: the `shc` package (TransparentHealth's SMART
Health Card tools, on python-jose) verifies the JWS against a JWKS file and inflates it, and `fhir.resources`
6.1.0 (FHIR R4, 4.0.1) parses the bundle into validated R4 resources.

Usage: python3 scripts/reference/shc_thirdparty.py JWS_FILE JWKS_FILE
Prints {"iss", "resources": [resourceType, ...]} and exits 0, or prints the failure and exits 1.
"""
import json
import sys

import fhir.resources
import shc.utils
from fhir.resources.bundle import Bundle


def main(argv):
    jws_file, jwks_file = argv
    jws = open(jws_file).read().strip()
    try:
        payload = shc.utils.decode_vc_from_local_issuer(jws, jwks_file)
        bundle = Bundle.parse_obj(payload["vc"]["credentialSubject"]["fhirBundle"])
    except Exception as error:  # any failure of either package is the answer
        print(f"FAILED: {type(error).__name__}: {error}")
        return 1
    print(json.dumps({
        "iss": payload["iss"],
        "fhirVersion": fhir.resources.__fhir_version__,
        "resources": [entry.resource.resource_type for entry in bundle.entry],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
