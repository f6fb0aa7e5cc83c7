#!/usr/bin/python3
"""A PyTorch peer for `nfnet bench`: NFNet-F0 computed the way timm's dm_nfnet_f0 computes it.

Written for this project from the facts in tests/fixtures/timm/models.md (timm's conventions), not from timm's code:
weight standardization as one F.batch_norm over the weight viewed as [1, out, fan_in] (timm's ScaledStdConv2dSame),
TF-SAME padding, GELU·γ activations, squeeze-excite ×2, avg-pool shortcuts, skip gains. `--check` loads the shrunk
dm_nfnet_f0 fixture (made by real timm 1.0.28) and compares the logits, so the timings below are of a faithful model.

Runs on Debian 12's PyTorch (apt-get install python3-torch): /usr/bin/python3 nfnet_peer.py --check
Timing mode prints one JSON line per round: {"forward_ms": ..., "backward_ms": ..., "optimizer_ms": ..., "eval_ms": ...}.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

GELU_GAMMA = 1.7015043497085571


def same_pad(x, k, s):
    ih, iw = x.shape[-2:]
    ph = max((math.ceil(ih / s) - 1) * s + k - ih, 0)
    pw = max((math.ceil(iw / s) - 1) * s + k - iw, 0)
    if ph or pw:
        x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
    return x


class WSConv(nn.Module):
    def __init__(self, cin, cout, k, stride=1, groups=1):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin // groups, k, k) / math.sqrt(cin // groups * k * k))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.gain = nn.Parameter(torch.ones(cout, 1, 1, 1))
        self.k, self.stride, self.groups = k, stride, groups
        self.scale = (cin // groups * k * k) ** -0.5

    def forward(self, x):
        w = F.batch_norm(self.weight.reshape(1, self.weight.shape[0], -1), None, None,
                         weight=(self.gain * self.scale).view(-1), training=True, momentum=0.0, eps=1e-5).reshape_as(self.weight)
        return F.conv2d(same_pad(x, self.k, self.stride), w, self.bias, self.stride, 0, 1, self.groups)


def act(x):
    return F.gelu(x) * GELU_GAMMA


class SE(nn.Module):
    def __init__(self, c, rd):
        super().__init__()
        self.fc1 = nn.Conv2d(c, rd, 1)
        self.fc2 = nn.Conv2d(rd, c, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(x.mean((2, 3), keepdim=True)))))


class Downsample(nn.Module):
    """timm's DownsampleAvg: 2×2 average pool (when striding), then a 1×1 standardized conv, named downsample.conv."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.conv = WSConv(cin, cout, 1)

    def forward(self, x):
        if self.stride > 1:
            x = F.avg_pool2d(x, 2, self.stride, ceil_mode=True, count_include_pad=False)
        return self.conv(x)


class Block(nn.Module):
    def __init__(self, cin, cout, mid, groups, stride, beta, alpha):
        super().__init__()
        self.beta, self.alpha, self.stride = beta, alpha, stride
        self.downsample = Downsample(cin, cout, stride) if (cin != cout or stride != 1) else None
        self.conv1 = WSConv(cin, mid, 1)
        self.conv2 = WSConv(mid, mid, 3, stride, groups)
        self.conv2b = WSConv(mid, mid, 3, 1, groups)
        self.conv3 = WSConv(mid, cout, 1)
        self.attn_last = SE(cout, cout // 2)
        self.skipinit_gain = nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        out = act(x) * self.beta
        shortcut = x
        if self.downsample is not None:
            shortcut = self.downsample(out)
        out = self.conv1(out)
        out = self.conv2(act(out))
        out = self.conv2b(act(out))
        out = self.conv3(act(out))
        out = 2.0 * self.attn_last(out)
        return out * self.skipinit_gain * self.alpha + shortcut


class Net(nn.Module):
    def __init__(self, channels, depths, group_size, stem_chs, num_features, classes=1000, alpha=0.2):
        super().__init__()
        c = stem_chs
        self.stem = nn.ModuleList([WSConv(3, c // 8, 3, 2), WSConv(c // 8, c // 4, 3), WSConv(c // 4, c // 2, 3), WSConv(c // 2, c, 3, 2)])
        blocks, prev, var = [], c, 1.0
        for s, (width, depth) in enumerate(zip(channels, depths)):
            mid = width // 2 // group_size * group_size
            for b in range(depth):
                blocks.append(Block(prev, width, mid, mid // group_size, (1 if s == 0 else 2) if b == 0 else 1, 1 / math.sqrt(var), alpha))
                if b == 0:
                    var = 1.0
                var += alpha * alpha
                prev = width
        self.blocks = nn.Sequential(*blocks)
        self.final_conv = WSConv(prev, num_features, 1)
        self.fc = nn.Linear(num_features, classes)

    def forward(self, x):
        for i, conv in enumerate(self.stem):
            x = conv(x)
            if i < 3:
                x = act(x)
        x = act(self.final_conv(self.blocks(x)))
        return self.fc(x.mean((2, 3)))


def read_safetensors(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(raw[8 + n + a:8 + n + b]), dtype=torch.float32).reshape(info["shape"])
    return out


def timm_names(net):
    """Our module paths → timm's state_dict names (stages.i.j, attn_last, head.fc)."""
    names, index = {}, 0
    depths = net.depths
    for s, depth in enumerate(depths):
        for b in range(depth):
            names[f"blocks.{index}."] = f"stages.{s}.{b}."
            index += 1
    mapping = {}
    for key in net.state_dict():
        timm = key.replace("stem.0.", "stem.conv1.").replace("stem.1.", "stem.conv2.").replace("stem.2.", "stem.conv3.").replace("stem.3.", "stem.conv4.")
        timm = timm.replace("fc.weight", "head.fc.weight").replace("fc.bias", "head.fc.bias")
        for ours, theirs in names.items():
            if timm.startswith(ours):
                timm = theirs + timm[len(ours):]
        mapping[key] = timm
    return mapping


def check(fixture):
    net = Net((32, 64, 96, 128), (1, 2, 2, 1), 16, 16, 256)
    net.depths = (1, 2, 2, 1)
    tensors = read_safetensors(os.path.join(fixture, "model.safetensors"))
    mapping = timm_names(net)
    net.load_state_dict({ours: tensors[theirs] for ours, theirs in mapping.items()}, strict=True)
    assert len(mapping) == len(tensors), (len(mapping), len(tensors))
    case = json.load(open(os.path.join(fixture, "case.json")))
    x = torch.frombuffer(bytearray(open(os.path.join(fixture, "input.bin"), "rb").read()), dtype=torch.float32).reshape(case["input"]["shape"])
    expected = torch.frombuffer(bytearray(open(os.path.join(fixture, "logits.bin"), "rb").read()), dtype=torch.float32).reshape(case["logits"]["shape"])
    net.eval()
    with torch.no_grad():
        diff = (net(x) - expected).abs().max().item()
    print(f"peer vs timm's logits on {os.path.basename(fixture)}: max |diff| {diff:.3g}")
    return diff <= 1e-4


DEPTHS = (1, 2, 6, 3)  # F0; Fn has (n + 1) times as many blocks per stage


def peak_reset():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


class Bench:
    """One model, one optimizer and fixed batches; train() and eval() each time one round."""

    def __init__(self, a):
        n = int(a.variant[1:]) + 1
        torch.manual_seed(a.seed)
        self.net = Net((256, 512, 1536, 1536), tuple(d * n for d in DEPTHS), 128, 128, 3072)
        decay = [p for name, p in self.net.named_parameters() if p.ndim > 1]
        no_decay = [p for name, p in self.net.named_parameters() if p.ndim <= 1 or name.endswith("gain")]
        decay = [p for p in decay if all(p is not q for q in no_decay)]
        self.opt = torch.optim.SGD([{"params": decay, "weight_decay": 2e-5}, {"params": no_decay, "weight_decay": 0.0}],
                                   lr=0.1, momentum=0.9, nesterov=True)
        self.x = torch.randn(a.batch, 3, a.image_size, a.image_size)
        self.y = torch.randint(0, 1000, (a.batch,))
        self.xe = torch.randn(a.eval_batch, 3, a.eval_size, a.eval_size)

    def train(self):
        self.net.train()
        peak_reset()
        t0 = time.perf_counter()
        loss = F.cross_entropy(self.net(self.x), self.y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        # timm's AGC (unit-wise norms, clip factor), then Nesterov SGD: the same work as AgcSgd.
        with torch.no_grad():
            for name, param in self.net.named_parameters():
                if param.grad is None or name == "fc.weight":  # the classifier is not clipped (paper, §4.1)
                    continue
                dims = tuple(range(1, param.ndim)) if param.ndim > 1 else None
                pn = torch.linalg.vector_norm(param, dim=dims, keepdim=True)
                gn = torch.linalg.vector_norm(param.grad, dim=dims, keepdim=True)
                max_norm = pn.clamp_(min=1e-3).mul_(0.01)
                param.grad.mul_(torch.where(gn > max_norm, max_norm / gn.clamp(min=1e-6), torch.ones_like(gn)))
        self.opt.step()
        self.opt.zero_grad()
        t3 = time.perf_counter()
        return {"forward_ms": (t1 - t0) * 1e3, "backward_ms": (t2 - t1) * 1e3, "optimizer_ms": (t3 - t2) * 1e3, "peak_rss_bytes": peak_bytes()}

    def eval(self):
        self.net.eval()
        peak_reset()
        with torch.no_grad():
            t0 = time.perf_counter()
            self.net(self.xe)
            t1 = time.perf_counter()
        return {"eval_ms": (t1 - t0) * 1e3, "peak_rss_bytes": peak_bytes()}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--check", action="store_true", help="compare with timm's logits on the dm_nfnet_f0 fixture, then exit")
    p.add_argument("--serve", action="store_true", help="answer 'train' and 'eval' lines on stdin with one JSON line each")
    p.add_argument("--fixture", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "timm", "dm_nfnet_f0_small_64"))
    p.add_argument("--variant", default="F0")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--image-size", type=int, default=128)
    p.add_argument("--eval-batch", type=int, default=2)
    p.add_argument("--eval-size", type=int, default=192)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--rounds", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.check:
        sys.exit(0 if check(a.fixture) else 1)
    if a.variant not in tuple(f"F{i}" for i in range(8)):
        print(json.dumps({"error": f"the peer builds DeepMind's F0..F7 only, not {a.variant}"}), flush=True)
        sys.exit(2)
    bench = Bench(a)
    if not a.serve:
        for _ in range(a.rounds):
            print(json.dumps({**bench.train(), **bench.eval()}), flush=True)
        return
    print(json.dumps({"peer": f"PyTorch {torch.__version__} dm_nfnet_{a.variant.lower()} (timm's computation, benchmarks/timm-peer)", "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "train":
            print(json.dumps(bench.train()), flush=True)
        elif command == "eval":
            print(json.dumps(bench.eval()), flush=True)
        else:
            print(json.dumps({"error": f"unknown request '{command}'"}), flush=True)


if __name__ == "__main__":
    main()
