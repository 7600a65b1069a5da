from rtcfg.startup import main

main()
