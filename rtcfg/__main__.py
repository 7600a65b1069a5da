from rtcfg.cli import main

main()
