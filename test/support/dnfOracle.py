# The reference answers for the package index's differential test: the queries `dnf repoquery` runs
# (--whatprovides = provides or file; a name; a versioned capability), asked through dnf's own Python API
# in one process for every query instead of one dnf process per query.
# stdin: {"repo": URL, "cachedir": DIR, "queries": [["whatprovides"|"name", TEXT], ...]}
# stdout: [[NEVRA, ...], ...] in query order, each list sorted.
import json
import sys

import dnf


def nevra(p):
    evr = ("%s:" % p.epoch if p.epoch else "") + "%s-%s" % (p.version, p.release)
    return "%s-%s.%s" % (p.name, evr, p.arch)


def main():
    req = json.load(sys.stdin)
    base = dnf.Base()
    base.conf.cachedir = req["cachedir"]
    base.conf.substitutions["releasever"] = "43"
    base.repos.add_new_repo("t", base.conf, baseurl=[req["repo"]])
    base.fill_sack(load_system_repo=False, load_available_repos=True)
    q = base.sack.query().available()
    out = []
    for kind, text in req["queries"]:
        if kind == "name":
            found = q.filter(name=text)
        else:
            found = q.filter(provides=text)
            if text.startswith("/"):
                found = found.union(q.filter(file=text))
        out.append(sorted(set(nevra(p) for p in found)))
    json.dump(out, sys.stdout)


main()
