import sys

# <Main>
def main():
	print("hello")
	return 0
# </Main>

if __name__ == "__main__":
    sys.exit(main())
