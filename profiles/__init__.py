"""The shipped profiles. This file only makes the folder installable as the data package
`rtcfg.profiles`, so that `rtcfg profiles` and `rtcfg init` find them in any install."""
