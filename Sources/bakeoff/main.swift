import ArgumentParser

Bakeoff.main()
