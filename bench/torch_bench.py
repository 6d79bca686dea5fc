#!/usr/bin/env python3
"""The reference networks in PyTorch on one CPU thread, when Debian's python3-torch is installed:
    /usr/bin/python3 bench/torch_bench.py SECONDS   -> a JSON line naming the BLAS, then one per network
bench/run.mjs runs it when torch imports (with OpenBLAS's CPU overrides unset), so the ratios come from one
run on one machine."""
import ctypes
import json
import os
import sys
import time

import torch

torch.set_num_threads(1)


def blas():
    """The BLAS library this process loaded, and OpenBLAS's own account of its build and kernels."""
    paths = sorted({line.split()[-1] for line in open('/proc/self/maps') if 'blas' in line.split()[-1].lower()})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return {'library': path, 'config': lib.openblas_get_config().decode(), 'kernels': lib.openblas_get_corename().decode()}
        except (OSError, AttributeError):
            continue
    return {'library': ', '.join(paths) or 'none found', 'config': 'not OpenBLAS (the reference BLAS is unoptimized)', 'kernels': ''}


torch.zeros(2, 2) @ torch.zeros(2, 2)  # loads the BLAS
print(json.dumps({'blas': blas(), 'env': {k: os.environ.get(k) for k in ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']}}))
seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.5
spec_path = os.path.join(os.path.dirname(__file__), 'networks.json')
ACT = {'sigmoid': torch.nn.Sigmoid, 'tanh': torch.nn.Tanh, 'relu': torch.nn.ReLU}

for spec in json.load(open(spec_path))['networks']:
    sizes = spec['layers']
    modules = []
    for l in range(len(sizes) - 1):
        dense = torch.nn.Linear(sizes[l], sizes[l + 1])
        torch.nn.init.normal_(dense.weight, 0, 0.1)
        torch.nn.init.zeros_(dense.bias)
        modules.append(dense)
        if l < len(sizes) - 2:
            if spec['batchNorm'] == 'before':
                modules.append(torch.nn.BatchNorm1d(sizes[l + 1], eps=1e-5, momentum=0.1))
            modules.append(ACT[spec['activation']]())
    model = torch.nn.Sequential(*modules).train()
    n, o = spec['batch'], sizes[-1]
    x = torch.rand(n, sizes[0])
    if o > 1:
        y = torch.arange(n) % o
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y = (torch.arange(n) % 2).float().reshape(n, 1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def step():
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(10):
        step()
    # best of 0.2 s windows, as the other benchmarks of bench/run.mjs
    best, steps, start = 0.0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds or steps < 3:
        window, count = time.perf_counter(), 0
        while time.perf_counter() - window < 0.2 or count < 2:
            step()
            count += 1
        best = max(best, count / (time.perf_counter() - window))
        steps += count
    print(json.dumps({'name': spec['name'], 'stepsPerSecond': best, 'steps': steps}))
