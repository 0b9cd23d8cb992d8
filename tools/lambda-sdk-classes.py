#!/usr/bin/env python3
"""Prints the shade <include>s that keep, of each AWS SDK service artifact, only the model and
marshalling classes of the operations the Lambda functions call.

Why: the model packages are most of a Lambda jar (S3 alone ~3 MB zipped) and a function calls a
handful of operations. The kept set is the class-reference closure (jdeps) of:
  - every class of the artifact outside model/, transform/, paginators/, waiters/, except the
    client classes (they name every operation) and the DynamoDB Streams client (unused);
  - the called operations' request, response, marshaller and paginator classes;
  - every exception (an error response of any code must unmarshal);
  - the outer request class of every operation, without what it references: the JVM's verifier
    loads it when it links the client (the request is passed as an SdkRequest), and the endpoint
    rules test requests with instanceof. Those are loaded, never initialised.

Usage: tools/lambda-sdk-classes.py <awssdk.version> */target/*-lambda.jar
Only the io/tdnet classes are read from the jars (so jars built with the filters do); the SDK
artifacts come from ~/.m2. Needs jdeps (JDK 17+). Replace the three generated <filter>s in the
parent pom's shade configuration with the output; twin's LambdaJarContentsTest fails when a
Lambda calls an operation the filters drop.
"""
import os, re, subprocess, sys, zipfile, collections

VERSION = sys.argv[1]
JARS = sys.argv[2:]
M2 = os.path.expanduser('~/.m2/repository/software/amazon/awssdk')
SERVICES = ['s3', 'dynamodb', 'sqs']
OP_PACKAGES = ('model', 'transform', 'paginators', 'waiters')
CALL = re.compile(rb'software/amazon/awssdk/services/([a-z0-9]+)/model/([A-Z][A-Za-z0-9]*)Request')

def ops_called():
    ops = collections.defaultdict(set)
    for jar in JARS:
        with zipfile.ZipFile(jar) as z:
            for name in z.namelist():
                if name.startswith('io/tdnet/') and name.endswith('.class'):
                    for svc, op in CALL.findall(z.read(name)):
                        ops[svc.decode()].add(op.decode())
    return ops

def deps(artifact_jar):
    out = subprocess.run(['jdeps', '-verbose:class', '-filter:none', artifact_jar],
                         capture_output=True, text=True, check=True).stdout
    edges = collections.defaultdict(set)
    for line in out.splitlines():
        m = re.match(r'\s+(\S+)\s+->\s+(\S+)', line)
        if m:
            edges[m.group(1)].add(m.group(2))
    return edges

def main():
    called = ops_called()
    for svc in SERVICES:
        jar = f'{M2}/{svc}/{VERSION}/{svc}-{VERSION}.jar'
        prefix = f'software.amazon.awssdk.services.{svc}.'
        with zipfile.ZipFile(jar) as z:
            classes = {n[:-6].replace('/', '.') for n in z.namelist() if n.endswith('.class')}
        edges = deps(jar)
        def sub(c): return c[len(prefix):].split('.')
        def op_scoped(c): return sub(c)[0] in OP_PACKAGES
        def client(c):
            parts = sub(c)
            return len(parts) == 1 and 'Client' in parts[0]
        roots, kept = set(), set()
        ops = called.get(svc, set())
        for c in classes:
            parts = sub(c)
            outer = parts[-1].split('$')[0]
            if svc == 'dynamodb' and parts[0] == 'streams':
                continue
            if client(c):
                kept.add(c)
            elif not op_scoped(c):
                roots.add(c)
            elif parts[0] == 'model' and outer.endswith('Exception'):
                roots.add(c)
            elif parts[0] == 'model' and outer.endswith('Request') and '$' not in parts[-1]:
                kept.add(c)
            elif any(outer in (op + 'Request', op + 'Response', op + 'RequestMarshaller', op + 'Iterable')
                     for op in ops):
                roots.add(c)
        seen, todo = set(), list(roots)
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            for d in edges.get(c, ()):
                if d in classes and d not in seen and d not in kept \
                        and not (svc == 'dynamodb' and sub(d)[0] == 'streams'):
                    todo.append(d)
        kept |= seen
        # non-op packages are kept whole; op packages class by class
        print(f'<!-- {svc}: {len(kept)} of {len(classes)} classes; operations: {", ".join(sorted(ops))} -->')
        pkgs = sorted({sub(c)[0] for c in classes if len(sub(c)) > 1 and not op_scoped(c)
                       and not (svc == 'dynamodb' and sub(c)[0] == 'streams')})
        base = prefix.replace('.', '/')
        print(f'<include>{base}*</include>')
        for p in pkgs:
            print(f'<include>{base}{p}/**</include>')
        print('<include>META-INF/**</include>')
        print(f'<include>{base}model/*Request.class</include>')
        print(f'<include>{base}model/*Exception*.class</include>')
        outers = sorted({'/'.join(sub(c)[:-1] + [sub(c)[-1].split('$')[0]]) for c in kept if op_scoped(c)})
        for n in outers:
            if n.endswith('Exception'):
                continue
            whole = {c for c in classes if '/'.join(sub(c)).startswith(n)}
            if n.endswith("Request") and not (whole - {prefix + n.replace("/", ".")}) & kept:
                continue  # the outer class alone, kept by the line above
            print(f'<include>{base}{n}*.class</include>')
        dropped = [c for c in classes if not op_scoped(c) and c not in kept and not client(c)
                   and not (svc == 'dynamodb' and sub(c)[0] == 'streams')]
        assert not dropped, dropped[:5]

main()
