import sys
from cwltool.main import main
from cwltool.argparser import arg_parser
argsl = sys.argv[1:]
ns = arg_parser().parse_args(argsl)
ns.orcid = ""
ns.cwl_full_name = "Test Pipeline Operator"
ns.user_provenance = False
ns.host_provenance = False
sys.exit(main(argsl=argsl, args=ns))
