#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hand-checked SigV4 signature of one Bedrock Converse request.

Computed here with Python's hashlib and hmac only, from the steps of the
AWS Signature Version 4 documentation, independently of src/aws. The C
test (test-aws-sigv4.c, /aws/sigv4/converse) records what this prints;
`sigv4-converse.py --check SIGNATURE` is a meson test that fails when the
two ever disagree.

The request: POST to bedrock-runtime in us-east-1, the model id
anthropic.claude-3-haiku-20240307-v1:0 whose ':' is sent as %3A and
appears as %253A in the canonical request (non-S3 services encode the
path twice), with the documentation's example key pair.
"""

import hashlib
import hmac
import sys
import urllib.parse

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
SERVICE = "bedrock"
AMZ_DATE = "20240307T120000Z"
HOST = "bedrock-runtime.us-east-1.amazonaws.com"
MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"
BODY = b'{"messages":[{"role":"user","content":[{"text":"Hello"}]}],"inferenceConfig":{"maxTokens":64}}'


def main():
    wire_path = "/model/" + urllib.parse.quote(MODEL_ID, safe="") + "/converse"
    canonical_uri = urllib.parse.quote(wire_path, safe="/~")
    headers = {"content-type": "application/json", "host": HOST, "x-amz-date": AMZ_DATE}
    signed = ";".join(sorted(headers))
    canonical_headers = "".join("%s:%s\n" % (k, headers[k]) for k in sorted(headers))
    creq = "\n".join(["POST", canonical_uri, "", canonical_headers, signed,
                      hashlib.sha256(BODY).hexdigest()])
    scope = "/".join([AMZ_DATE[:8], REGION, SERVICE, "aws4_request"])
    sts = "\n".join(["AWS4-HMAC-SHA256", AMZ_DATE, scope, hashlib.sha256(creq.encode()).hexdigest()])

    def mac(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    key = mac(mac(mac(mac(("AWS4" + SECRET_KEY).encode(), AMZ_DATE[:8]), REGION), SERVICE), "aws4_request")
    signature = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()

    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        ok = sys.argv[2] == signature
        print("1..1")
        print("%s 1 - the recorded Converse signature is %s" % ("ok" if ok else "not ok", signature))
        return 0 if ok else 1
    print("wire path: " + wire_path)
    print("canonical request:\n" + creq)
    print("string to sign:\n" + sts)
    print("signature: " + signature)
    return 0


if __name__ == "__main__":
    sys.exit(main())
