#!/usr/bin/env python3
"""Expand a SAM template into the plain CloudFormation that AWS deploys, with AWS's own translator.

    python3 scripts/sam-translate.py [TEMPLATE] [--region REGION] [--parameter-overrides KEY=VALUE ...]
    python3 scripts/sam-translate.py --batch < jobs.json

Prints the transformed template as JSON. TEMPLATE (default template.yaml) goes before the options. --batch
reads a JSON list of {"template": path, "parameters": {...}, "region": ...} from stdin and prints a list of
{"template": {...}} or {"error": "..."}, so a caller pays for Python's start-up once. Needs aws-sam-translator
(pip install cfn-lint==1.51.0 brings it). No AWS credentials or network are used.
"""

import argparse
import json
import logging
import os
import sys

# Where `sam package` would have uploaded the code; the translator accepts only an S3 location.
CODE_STAND_IN = "s3://sam-translate-stand-in/code.zip"


class NoManagedPolicies:
    """SAM asks this for managed policy ARNs only when a function's Policies name one by its short name."""

    def load(self):
        raise ValueError("this template names a managed policy by short name; use its full ARN instead")


def translate(path, parameters, region):
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.arn_generator import ArnGenerator
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse

    # Its feature-toggle warnings are about AWS's own rollout config, which a local run never has.
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    # The region decides the partition SAM writes into ARNs (arn:aws-cn: in cn-north-1). The translator caches
    # the region it reads from the environment, so a batch of regions sets it on ArnGenerator as well.
    os.environ["AWS_DEFAULT_REGION"] = region
    ArnGenerator.BOTO_SESSION_REGION_NAME = region
    with open(path, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    for resource in (template.get("Resources") or {}).values():
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Function":
            properties = resource.setdefault("Properties", {})
            if "InlineCode" not in properties and properties.get("PackageType") != "Image":
                properties["CodeUri"] = CODE_STAND_IN
    try:
        return transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as error:
        raise ValueError("; ".join(cause.message for cause in error.causes)) from None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", nargs="?", default="template.yaml")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "us-east-1"))
    parser.add_argument("--parameter-overrides", nargs="*", default=[], metavar="KEY=VALUE")
    parser.add_argument("--batch", action="store_true", help="read a JSON list of jobs from stdin")
    args = parser.parse_args()
    try:
        import samtranslator  # noqa: F401  (fail early, with the fix, when it is missing)
    except ImportError:
        sys.exit("sam-translate: aws-sam-translator is not installed; run: pip install cfn-lint==1.51.0")

    if args.batch:
        results = []
        for job in json.load(sys.stdin):
            try:
                region = job.get("region", args.region)
                results.append({"template": translate(job["template"], job.get("parameters", {}), region)})
            except Exception as error:  # one bad template must not hide the others' results
                results.append({"error": f"{job['template']}: {error}"})
        json.dump(results, sys.stdout)
        return

    overrides = {}
    for pair in args.parameter_overrides:
        key, equals, value = pair.partition("=")
        if not equals:
            sys.exit(f"sam-translate: --parameter-overrides takes KEY=VALUE, got {pair!r}")
        overrides[key] = value
    try:
        json.dump(translate(args.template, overrides, args.region), sys.stdout, indent=2)
    except Exception as error:  # a clear one-line message, not a traceback
        sys.exit(f"sam-translate: {args.template}: {error}")
    print()


if __name__ == "__main__":
    main()
