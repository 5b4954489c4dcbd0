#!/usr/bin/env python
from kechuang.cli import main

if __name__ == "__main__":
    main()
