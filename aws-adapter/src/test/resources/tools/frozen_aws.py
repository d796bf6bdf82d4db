"""Runs the AWS CLI v1 with botocore's clock frozen: frozen_aws.py EPOCH_SECONDS aws-args...

The fallback of EksTokenCliIT where libfaketime is not installed. botocore and awscli read the
time through get_current_datetime(); every module that imported it gets the frozen one.
"""
import datetime
import sys

FROZEN = datetime.datetime.fromtimestamp(int(sys.argv[1]), datetime.timezone.utc)


def frozen(remove_tzinfo=True):
    return FROZEN.replace(tzinfo=None) if remove_tzinfo else FROZEN


import awscli.compat  # noqa: E402
import awscli.customizations.eks.get_token as get_token  # noqa: E402
import botocore.auth  # noqa: E402
import botocore.compat  # noqa: E402

botocore.compat.get_current_datetime = frozen
botocore.auth.get_current_datetime = frozen
awscli.compat.get_current_datetime = frozen
get_token.get_current_datetime = frozen

from awscli.clidriver import main  # noqa: E402

sys.argv = ["aws"] + sys.argv[2:]
sys.exit(main())
